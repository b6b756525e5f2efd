#创建共享队列3.py
from multiprocessing import Process,Queue,current_process
from time import sleep
import sys
def product(q):#某个进程生产数据
	for var in range(10):
		q.put(var)
		sleep(1)
def custom(q):#这个进程消费数据
    for var in range(5):
        i = q.get()
        print('%s进程取到的数据:%s' % (current_process().name,i))
        sys.stdout.flush()
def main():
	q = Queue() #共享队列
	p1 = Process(target=product,args=(q,))
	p2 = Process(target=custom,name='消费进程1',args=(q,))
	p3 = Process(target=custom,name='消费进程2',args=(q,))
	p1.start(),p2.start(),p3.start(),p1.join(),p2.join(),p3.join()
	print('------------')
if __name__ == '__main__':
	main()
