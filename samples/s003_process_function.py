from multiprocessing import Process
import time

def fun(name):
    print(name+' is running')
    time.sleep(2)
    print(name+' end')

if __name__ == '__main__':
    pro = Process(target=fun,args=('no1',))
    pro.start()
