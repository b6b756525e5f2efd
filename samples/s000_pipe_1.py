#pipe 单个消费者生产者模型
from multiprocessing import Process,current_process,Pipe
import pickle
def work_a(p):
        for var in range(5):
                p.send(pickle.dumps(var))
                print('%s:生产数据|%s' % (current_process().name,var))
def work_b(p):
        for var in range(5):
                pickle_obj = pickle.loads(p.recv()) #阻塞
                print('%s:消费数据|%s' % (current_process().name,pickle_obj))
def main():
        a,b = Pipe() #创建管道
        p1 = Process(target=work_a,name='生产者',kwargs={'p':a})
        p2 = Process(target=work_b,name='消费者',kwargs={'p':b})
        p1.start()
        p2.start()
        p1.join()
        p2.join()
if __name__ == "__main__":
    main()
